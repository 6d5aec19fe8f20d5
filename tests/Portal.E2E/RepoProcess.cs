using System.Diagnostics;

namespace Portal.E2E;

/// <summary>A program run from the repository (a deploy/ script, a checker) to its end, with what it printed.</summary>
internal static class RepoProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string Text => Output + Error;
    }

    /// <summary>The repository's root: the folder above the test's build output that holds Portal.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Runs <paramref name="program"/> in the repository's root; one that outlives <paramref name="timeout"/> is killed with its children.</summary>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', start.ArgumentList)} took over {timeout}: {await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return dir.FullName;
        throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }
}
