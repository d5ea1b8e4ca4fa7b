# Warnings are errors on our own code. (-Wnull-dereference is left out: with
# g++ 12 it fires inside Boost.Asio's inlined executors.)
set(KURIR_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough -Werror)
# With ASan, g++ 12 misreads Asio's coroutine frame allocator (its own
# operator new/delete pair) as a mismatched new/delete and fails the build.
if(KURIR_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND KURIR_WARNINGS -Wno-mismatched-new-delete)
endif()

function(kurir_warnings target)
  target_compile_options(${target} PRIVATE ${KURIR_WARNINGS})
endfunction()
