@echo off
rem apikey on the Java found on PATH (Java 17 or newer): the Windows launcher of the jar distribution.
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto %APIKEY_JAVA_OPTS% -cp "%~dp0..\lib\apikey.jar" dev.apikey.Main %*
