using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace DockerPS.Tests.Harness;

/// <summary>
/// A PSHost for a text screen: what PowerShell writes to the host (formatted output included) is kept as text, with
/// ANSI styling removed, and progress records are kept; the tests read the screen through it.
/// </summary>
public sealed class TextHost : PSHost
{
    private readonly TextHostUI _ui = new();

    public override CultureInfo CurrentCulture => CultureInfo.GetCultureInfo("en-US");
    public override CultureInfo CurrentUICulture => CultureInfo.GetCultureInfo("en-US");
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override string Name => "DockerPS.TextHost";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(1, 0);

    /// <summary>Answers a choice prompt (a -Confirm question) from its message; without it, the host takes no input.</summary>
    public Func<string, int>? Answer { get => _ui.Answer; set => _ui.Answer = value; }

    /// <summary>Fills in a field PowerShell prompts for (a mandatory parameter left out); without it, the host takes no input.</summary>
    public Func<FieldDescription, object>? Fill { get => _ui.Fill; set => _ui.Fill = value; }

    /// <summary>What was written since the last call.</summary>
    public string TakeText() => _ui.Take();

    public List<ProgressRecord> TakeProgress() => _ui.TakeProgress();

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    private sealed class TextHostUI : PSHostUserInterface
    {
        private static readonly Regex Ansi = new("\x1b\\[[0-9;]*m", RegexOptions.Compiled);
        private readonly StringBuilder _text = new();
        private readonly List<ProgressRecord> _progress = [];
        private readonly TextRawUI _raw = new();

        public override PSHostRawUserInterface RawUI => _raw;

        public string Take()
        {
            lock (_text)
            {
                var text = _text.ToString();
                _text.Clear();
                return text;
            }
        }

        public List<ProgressRecord> TakeProgress()
        {
            lock (_progress)
            {
                var records = _progress.ToList();
                _progress.Clear();
                return records;
            }
        }

        public override void Write(string value)
        {
            // What a person reads: the table header's ANSI styling removed.
            var plain = Ansi.Replace(value, "");
            lock (_text)
            {
                _text.Append(plain);
            }
        }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Write(value + "\n");
        public override void WriteErrorLine(string value) => WriteLine(value);
        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { lock (_progress) _progress.Add(record); }

        public override string ReadLine() => throw new NotSupportedException("This host takes no input.");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("This host takes no input.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            Fill is { } fill ? descriptions.ToDictionary(d => d.Name, d => PSObject.AsPSObject(fill(d))) : throw new NotSupportedException("This host takes no input.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException("This host takes no input.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("This host takes no input.");
        public Func<string, int>? Answer { get; set; }

        public Func<FieldDescription, object>? Fill { get; set; }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            Answer?.Invoke(message) ?? throw new NotSupportedException("This host takes no input.");
    }

    /// <summary>A wide, fixed-size screen so tables are not truncated.</summary>
    private sealed class TextRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; }
        public override Size BufferSize { get; set; } = new(250, 1000);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override ConsoleColor ForegroundColor { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new(250, 1000);
        public override Size MaxWindowSize => new(250, 1000);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new(250, 1000);
        public override string WindowTitle { get; set; } = "";

        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
