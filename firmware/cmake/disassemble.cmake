# cmake -DOBJDUMP=<objdump> -DIN=<elf> -DOUT=<dis> -P disassemble.cmake
execute_process(COMMAND ${OBJDUMP} -d ${IN} OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "objdump failed on ${IN}")
endif()
