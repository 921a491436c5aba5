// The object that carries a group's precompiled test header (cmake/NetcaseTest.cmake).
