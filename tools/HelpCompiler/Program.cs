using DockerPS.HelpCompiler;

// HelpCompiler build  <Module.dll> <references.txt> <docs/help> <module folder>
//   checks that the compiled cmdlets and docs/help agree, then writes en-US/<Module.dll>-Help.xml, the about topics
//   and the manifest's export lists into the module folder. Fails, naming page and parameter, when they disagree.
// HelpCompiler update <Module.dll> <references.txt> <docs/help>
//   rewrites each page's SYNTAX, metadata blocks and shared prose from the compiled cmdlets, writes a page to fill in
//   for a new cmdlet, and seeds shared prose for parameters that moved to a base class from the pages that had it.
if (args is not ["build", _, _, _, _] and not ["update", _, _, _])
{
    Console.Error.WriteLine("usage: HelpCompiler build <Module.dll> <references.txt> <docs folder> <module folder>");
    Console.Error.WriteLine("       HelpCompiler update <Module.dll> <references.txt> <docs folder>");
    return 2;
}
var (mode, assembly, references, docs) = (args[0], args[1], args[2], args[3]);
try
{
    var cmdlets = CmdletMetadataReader.Read(assembly, File.ReadAllLines(references).Where(l => l.Length > 0));
    List<(ProsePage Page, string Text)> ReadPages() => Directory.GetFiles(docs, "*.md").Order(StringComparer.Ordinal)
        .Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
        .Select(f => File.ReadAllText(f) is var text ? (ProsePage.Read(text, f), text) : default)
        .ToList();
    var pages = ReadPages();
    var sharedFolder = Path.Combine(docs, HelpSet.SharedFolder);
    var shared = Directory.Exists(sharedFolder)
        ? Directory.GetFiles(sharedFolder, "*.md").Order(StringComparer.Ordinal).Select(f => SharedProse.Read(File.ReadAllText(f), f)).ToList()
        : [];

    if (mode == "update")
    {
        foreach (var written in HelpSet.SeedShared(docs, cmdlets, pages.Select(p => p.Page), shared))
        {
            Directory.CreateDirectory(sharedFolder);
            File.WriteAllText(written.File, written.Write());
            Console.WriteLine($"HelpCompiler: wrote {written.File}");
        }
        var update = new HelpSet(docs, cmdlets, pages, shared);
        foreach (var help in update.Commands)
        {
            var file = update.PagePath(help.Name);
            var text = PageWriter.Write(help);
            if (!File.Exists(file) || File.ReadAllText(file).Replace("\r\n", "\n") != text)
            {
                Console.WriteLine($"HelpCompiler: {(File.Exists(file) ? "updated" : "wrote new page")} {file}");
                File.WriteAllText(file, text);
            }
        }
        foreach (var problem in new HelpSet(docs, cmdlets, ReadPages(), shared).Problems())
        {
            Console.WriteLine($"HelpCompiler: still to do: {problem}");
        }
        return 0;
    }

    var set = new HelpSet(docs, cmdlets, pages, shared);
    var problems = set.Problems();
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"HelpCompiler : error HELP1: {problem}");
    }
    if (problems.Count > 0)
    {
        return 1;
    }
    var module = args[4];
    var target = Path.Combine(module, "en-US");
    Directory.CreateDirectory(target);
    using (var maml = File.Create(Path.Combine(target, Path.GetFileName(assembly) + "-Help.xml")))
    {
        MamlWriter.Save(MamlWriter.Convert(set.Commands), maml);
    }
    foreach (var about in Directory.GetFiles(docs, "about_*.md"))
    {
        var topic = Path.GetFileNameWithoutExtension(about);
        File.WriteAllText(Path.Combine(target, topic + ".help.txt"), AboutTopicWriter.Write(File.ReadAllText(about), topic));
    }
    var manifest = Path.Combine(module, Path.GetFileNameWithoutExtension(assembly) + ".psd1");
    File.WriteAllText(manifest, ModuleManifest.FillExports(File.ReadAllText(manifest), cmdlets));
    return 0;
}
catch (FormatException e)
{
    Console.Error.WriteLine($"HelpCompiler : error HELP2: {e.Message}");
    return 1;
}
