namespace DockerPS.Commands;

/// <summary>
/// Marks a class of parameters declared once and taken by several cmdlets, as docker/cli keeps the container options
/// of create, run and update in one place. A cmdlet takes a group through <see cref="System.Management.Automation.IDynamicParameters"/>,
/// returning its instance of the group, and exposes that instance as a public property; PowerShell binds, validates and
/// completes the group's parameters as the cmdlet's own, and the help compiler documents them with the cmdlet's.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ParameterGroupAttribute : Attribute;
