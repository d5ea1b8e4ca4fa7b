# Warnings are errors on our own code. (-Wnull-dereference is left out: with
# g++ 12 it fires inside Boost.Asio's inlined executors.)
set(KURIR_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough -Werror)

function(kurir_warnings target)
  target_compile_options(${target} PRIVATE ${KURIR_WARNINGS})
endfunction()
