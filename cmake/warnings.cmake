# Warnings are errors on our own code (targets made with kurir_target()).
set(KURIR_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference
    -Wimplicit-fallthrough -Werror)

function(kurir_warnings target)
  target_compile_options(${target} PRIVATE ${KURIR_WARNINGS})
endfunction()
