// What nearly every cmdlet file names: PowerShell, the engine calls and the error catalogue.
global using System.Management.Automation;
global using DockerPS.Errors;
global using DockerPS.Operations;
