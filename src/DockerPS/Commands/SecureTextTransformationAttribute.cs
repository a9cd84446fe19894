using System.Net;

namespace DockerPS.Commands;

/// <summary>
/// A secret parameter that takes a SecureString or plain text: text becomes a SecureString at binding, so the cmdlet
/// holds one type, and a runbook may pass the text its vault gave it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecureTextTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is string text
            ? new NetworkCredential(string.Empty, text).SecurePassword
            : inputData;
}
