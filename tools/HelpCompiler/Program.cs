using DockerPS.HelpCompiler;

// HelpCompiler <docs/help> <out/en-US> <Assembly.dll-Help.xml>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: HelpCompiler <markdown folder> <output folder> <help file name>");
    return 2;
}
var (source, target, helpFile) = (args[0], args[1], args[2]);
Directory.CreateDirectory(target);
try
{
    var commands = new List<CommandHelp>();
    foreach (var file in Directory.GetFiles(source, "*.md").Order(StringComparer.Ordinal))
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var markdown = File.ReadAllText(file);
        if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllText(Path.Combine(target, name + ".help.txt"), AboutTopicWriter.Write(markdown, name));
        }
        else
        {
            commands.Add(MarkdownReader.ReadCommand(markdown, file));
        }
    }
    MamlWriter.Write(commands).Save(Path.Combine(target, helpFile));
    return 0;
}
catch (FormatException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
