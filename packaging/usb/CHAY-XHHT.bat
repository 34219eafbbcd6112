@echo off
rem CHAY-XHHT.bat: starts the clerk's program (xhht.exe) from the USB kit on Windows, in a
rem console window of 100x30, with its data on the stick (the folder du-lieu beside this file).
rem Double-click it in Explorer; arguments go on to xhht.exe. make-kit.sh writes it with CRLF.
rem It prints nothing of its own: cmd reads a batch file in the console's code page, which is
rem not UTF-8 before chcp, so every message comes from xhht.exe (UTF-8 through the wide calls);
rem after a failure the window waits for a key (pause, in the language of Windows) so that the
rem clerk can read the program's one line.
setlocal
title xhht @VERSION@
mode con cols=100 lines=30 >nul 2>&1
set "KIT=%~dp0"
"%KIT%xhht.exe" --data "%KIT%du-lieu" %*
set "RC=%ERRORLEVEL%"
if not "%RC%"=="0" pause
exit /b %RC%
