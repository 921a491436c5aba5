# netcase_add_test(<source>): one Qt Test executable per unit, named <area>/<name> in CTest.
# Shared test helpers live in tests/common/; every test links them and the app library.
file(GLOB NETCASE_TEST_COMMON CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/common/*.cpp
    ${PROJECT_SOURCE_DIR}/tests/common/*.h)
if(NOT TARGET netcase_testcommon)
    add_library(netcase_testcommon STATIC ${NETCASE_TEST_COMMON})
    target_include_directories(netcase_testcommon PUBLIC ${PROJECT_SOURCE_DIR}/tests)
    target_link_libraries(netcase_testcommon PUBLIC netcase_core Qt6::Test netcase_options)
    target_compile_definitions(netcase_testcommon PUBLIC
        NETCASE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        NETCASE_BINARY_DIR="${PROJECT_BINARY_DIR}"
        NETCASE_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
endif()

# One precompiled header (tests/pch/testpch.h) per group of tests that link the same layer, so
# that their compile definitions match the header's. About a third of each test's compile time
# (4.4-4.8 s -> 3.2-3.3 s for widgets/tst_graph, gcc -O0 -g).
function(netcase_test_pch group)
    set(pch netcase_testpch_${group})
    if(NOT TARGET ${pch})
        add_library(${pch} STATIC ${PROJECT_SOURCE_DIR}/tests/pch/testpch.cpp)
        target_link_libraries(${pch} PRIVATE ${ARGN} netcase_testcommon netcase_options)
        target_precompile_headers(${pch} PRIVATE ${PROJECT_SOURCE_DIR}/tests/pch/testpch.h)
    endif()
endfunction()

function(netcase_add_test src)
    get_filename_component(name ${src} NAME_WE)
    get_filename_component(dir ${src} DIRECTORY)
    get_filename_component(area ${dir} NAME)
    set(target ${area}_${name})
    add_executable(${target} ${src})
    # Each area links only the layer it tests, so a broken file elsewhere does not stop it.
    if(area STREQUAL "widgets" OR area STREQUAL "app")
        set(under_test netcase_app)
    elseif(area STREQUAL "importers" OR area STREQUAL "ingest" OR area STREQUAL "audit"
           OR area STREQUAL "core" OR area STREQUAL "case" OR area STREQUAL "store")
        set(under_test netcase_importers)
    elseif(area STREQUAL "enrich")
        set(under_test netcase_enrich netcase_importers netcase_items)
    elseif(area STREQUAL "analysis")
        set(under_test netcase_analysis netcase_importers netcase_items)
    elseif(area STREQUAL "report")
        set(under_test netcase_report netcase_importers netcase_items)
    else()
        set(under_test netcase_model netcase_importers)
    endif()
    target_link_libraries(${target} PRIVATE ${under_test} netcase_testcommon netcase_options)
    string(REPLACE ";" "_" group "${under_test}")
    netcase_test_pch(${group} ${under_test})
    target_precompile_headers(${target} REUSE_FROM netcase_testpch_${group})
    set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
    add_test(NAME ${area}/${name} COMMAND ${target})
    set(timeout 120)
    if(DEFINED NETCASE_TEST_TIMEOUT_${name})
        set(timeout ${NETCASE_TEST_TIMEOUT_${name}})
    endif()
    set_tests_properties(${area}/${name} PROPERTIES
        TIMEOUT ${timeout}
        LABELS ${area}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;NETCASE_BIN=${CMAKE_BINARY_DIR}/bin/netcase;NETCASE_FIXTURES=${CMAKE_BINARY_DIR}/fixtures;QT_LOGGING_RULES=qt.qpa.*=false")
    if(area STREQUAL "app" OR area STREQUAL "widgets")
        add_dependencies(${target} netcase)
    endif()
endfunction()
