using System.Collections;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>Parameter values in the shapes the engine layer takes.</summary>
public abstract partial class DockerCmdlet
{
    /// <summary>A value-type parameter's value when the caller gave it, null when it was left out (its default is not a choice).</summary>
    protected T? BoundOrNull<T>(string parameter, T value) where T : struct =>
        MyInvocation.BoundParameters.ContainsKey(parameter) ? value : null;

    /// <summary>A hashtable of names to values (labels, options) as strings; a $null value is an empty string.</summary>
    protected internal static Dictionary<string, string> Strings(IDictionary? table) =>
        (table ?? new Hashtable()).Cast<DictionaryEntry>().ToDictionary(
            e => LanguagePrimitives.ConvertTo<string>(e.Key), e => LanguagePrimitives.ConvertTo<string>(e.Value) ?? string.Empty);

    /// <summary>
    /// -Environment as <c>NAME=value</c> entries: a hashtable gives names to values (a $null value is empty), text is
    /// what <c>docker run -e</c> takes, <c>NAME=value</c> or a bare <c>NAME</c> with the caller's value (left out when
    /// the caller has none); an entry that is neither is an InvalidEnvironment error.
    /// </summary>
    protected internal static IReadOnlyList<string> EnvironmentEntries(object[]? values) =>
        (values ?? []).SelectMany(value => PSObject.AsPSObject(value).BaseObject is IDictionary table
            ? Strings(table).Select(e => $"{e.Key}={e.Value}")
            : InvalidParameterSyntaxException.Parse("Environment", LanguagePrimitives.ConvertTo<string>(value),
                text => EnvFile.Entry(text, System.Environment.GetEnvironmentVariable)) is { } entry ? [entry] : []).ToArray();

    /// <summary>
    /// The health check of <c>--health-cmd</c>, <c>--health-interval/-timeout/-start-period/-retries</c> and
    /// <c>--no-healthcheck</c>, which containers and services take alike; null when none was given. Text that does not
    /// parse is that parameter's Invalid&lt;Parameter&gt; error, a check with -NoHealthcheck InvalidNoHealthcheck.
    /// </summary>
    protected internal static HealthcheckSpec? Healthcheck(string[]? command, string? interval, string? timeout, string? startPeriod, int? retries, bool none) =>
        InvalidParameterSyntaxException.Parse("NoHealthcheck", "-NoHealthcheck", _ => HealthcheckSpec.Create(command,
            InvalidParameterSyntaxException.ParseOptional<long?>("HealthInterval", interval, text => HealthcheckSpec.ParseDuration(text)),
            InvalidParameterSyntaxException.ParseOptional<long?>("HealthTimeout", timeout, text => HealthcheckSpec.ParseDuration(text)),
            InvalidParameterSyntaxException.ParseOptional<long?>("HealthStartPeriod", startPeriod, text => HealthcheckSpec.ParseDuration(text)),
            retries, none));

    /// <summary>Entries given as hashtables of names to values or as <c>name=value</c> text, all as text.</summary>
    protected static IEnumerable<string> KeyValueTexts(object[]? values) =>
        (values ?? []).SelectMany(value => PSObject.AsPSObject(value).BaseObject is IDictionary table
            ? Strings(table).Select(e => $"{e.Key}={e.Value}")
            : [LanguagePrimitives.ConvertTo<string>(value)]);

    /// <summary>A hashtable of filters as key-value pairs, a list value giving one pair per item, values unwrapped.</summary>
    protected static IEnumerable<KeyValuePair<string, object>> FilterPairs(Hashtable? filter) =>
        (filter ?? []).Cast<DictionaryEntry>().SelectMany(entry =>
            (LanguagePrimitives.GetEnumerable(entry.Value) ?? new[] { entry.Value }).Cast<object>().Select(value =>
                KeyValuePair.Create(LanguagePrimitives.ConvertTo<string>(entry.Key), PSObject.AsPSObject(value).BaseObject)));

    /// <summary>A -Since/-Until value (DateTime, TimeSpan back from now, or docker time text) as a point in time; false (with an InvalidTime error) when it is not one.</summary>
    protected bool Time(string parameter, object? value, DateTimeOffset now, out DateTimeOffset? time)
    {
        try
        {
            time = (value is PSObject wrapped ? wrapped.BaseObject : value) switch
            {
                null => null,
                DateTimeOffset offset => offset,
                // An unspecified kind (Get-Date's, [datetime]'...') is local time.
                DateTime local => new DateTimeOffset(local),
                TimeSpan back => now - back,
                var text => DockerTime.Parse(LanguagePrimitives.ConvertTo<string>(text), now),
            };
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            WriteError(ErrorFor(ErrorCatalog.InvalidTime, new ArgumentException($"-{parameter}: {e.Message}", e), value));
            time = null;
            return false;
        }
    }
}
