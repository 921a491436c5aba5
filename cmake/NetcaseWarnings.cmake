# Compile options shared by every Netcase target.
add_library(netcase_options INTERFACE)
target_compile_options(netcase_options INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(NETCASE_WERROR)
    target_compile_options(netcase_options INTERFACE -Werror)
endif()
target_compile_definitions(netcase_options INTERFACE
    QT_NO_KEYWORDS
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    NETCASE_VERSION="${PROJECT_VERSION}")

# netcase_sources(<var> <dir>): every .cpp/.h below <dir>, re-globbed when files are added.
function(netcase_sources var dir)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS ${dir}/*.cpp ${dir}/*.h)
    set(${var} ${found} PARENT_SCOPE)
endfunction()
