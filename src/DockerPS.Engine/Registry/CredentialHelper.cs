using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace DockerPS.Registry;

/// <summary>
/// The docker credential helper protocol: <c>docker-credential-&lt;name&gt; get|store|erase</c> on PATH, the server
/// address or a JSON object on stdin, JSON on stdout; "credentials not found" means there is nothing stored.
/// </summary>
internal static class CredentialHelper
{
    private const string NotFound = "credentials not found";
    // What a helper puts as the user name when the secret is an identity token.
    internal const string TokenUsername = "<token>";

    public static string ProgramName(string helper) => "docker-credential-" + helper;

    /// <summary>The stored credentials for <paramref name="key"/>, or anonymous ones when the helper has none.</summary>
    public static async Task<RegistryCredential> GetAsync(string helper, string key, CancellationToken cancellationToken)
    {
        var (found, output) = await RunAsync(helper, "get", Encoding.UTF8.GetBytes(key), cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return RegistryCredential.Anonymous(key);
        }
        try
        {
            using var doc = JsonDocument.Parse(output);
            var username = doc.RootElement.TryGetProperty("Username", out var u) ? u.GetString() : null;
            var secret = doc.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() : null;
            return username == TokenUsername
                ? new RegistryCredential(key, null, null, secret)
                : new RegistryCredential(key, username, secret);
        }
        catch (JsonException e)
        {
            // The message must not quote the output: it holds the secret.
            throw new CredentialStoreException($"{ProgramName(helper)} get answered with something other than credentials JSON.", e);
        }
    }

    public static async Task StoreAsync(string helper, RegistryCredential credential, CancellationToken cancellationToken)
    {
        var token = !string.IsNullOrEmpty(credential.IdentityToken);
        var input = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
        {
            ["ServerURL"] = credential.ServerAddress,
            ["Username"] = token ? TokenUsername : credential.Username,
            ["Secret"] = token ? credential.IdentityToken : credential.Password,
        });
        await RunAsync(helper, "store", input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Erases what the helper has for <paramref name="key"/>; false when it had nothing.</summary>
    public static async Task<bool> EraseAsync(string helper, string key, CancellationToken cancellationToken) =>
        (await RunAsync(helper, "erase", Encoding.UTF8.GetBytes(key), cancellationToken).ConfigureAwait(false)).Found;

    private static async Task<(bool Found, string Output)> RunAsync(string helper, string action, byte[] input, CancellationToken cancellationToken)
    {
        var program = ProgramName(helper);
        var start = new ProcessStartInfo(program, action)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CredentialStoreException($"{program} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new CredentialStoreException($"The credential helper {program} was not found on PATH ({e.Message}).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var (stdout, stderr) = (await output.ConfigureAwait(false), await error.ConfigureAwait(false));
            if (process.ExitCode == 0)
            {
                return (true, stdout);
            }
            // Helpers report a missing entry on stdout (the docker-credential-helpers library) or stderr, with a failing exit.
            if (stdout.Contains(NotFound, StringComparison.OrdinalIgnoreCase) || stderr.Contains(NotFound, StringComparison.OrdinalIgnoreCase))
            {
                return (false, "");
            }
            // A failing helper's stdout may echo what it was given; only its stderr is quoted.
            throw new CredentialStoreException($"{program} {action} failed (exit {process.ExitCode}): {stderr.Trim()}");
        }
    }
}
