namespace Portal.E2E;

/// <summary>
/// docker-compose.yml cannot be started here (no Docker engine), so deploy/check-compose.py checks what it can:
/// every dependency and volume exists, nginx's upstream nodes are healthchecked services on the shared data volume,
/// and the nodes believe forwarded headers from the stack's own network only.
/// </summary>
public sealed class ComposeFileTests
{
    [Fact]
    public async Task The_compose_file_passes_its_checks()
    {
        var (exitCode, output) = await RunCheckAsync(File.ReadAllText(Path.Combine(RepoProcess.Root, "docker-compose.yml")));

        Assert.True(exitCode == 0, output);
        Assert.Contains("nginx upstream web1, web2: OK", output);
    }

    [Fact]
    public async Task A_node_that_believes_anyone_s_forwarded_headers_fails_the_check()
    {
        var compose = File.ReadAllText(Path.Combine(RepoProcess.Root, "docker-compose.yml"))
            .Replace("ReverseProxy__KnownNetworks: 172.28.0.0/16", "ASPNETCORE_FORWARDEDHEADERS_ENABLED: \"true\"", StringComparison.Ordinal);

        var (exitCode, output) = await RunCheckAsync(compose);

        Assert.Equal(1, exitCode);
        Assert.Contains("web1: ASPNETCORE_FORWARDEDHEADERS_ENABLED", output);
        Assert.Contains("web2: ReverseProxy__KnownNetworks is not the stack network's subnet", output);
    }

    private static async Task<(int ExitCode, string Output)> RunCheckAsync(string compose)
    {
        var copy = Directory.CreateTempSubdirectory("portal-compose-");
        try
        {
            Directory.CreateDirectory(Path.Combine(copy.FullName, "deploy"));
            foreach (var file in new[] { "deploy/check-compose.py", "deploy/nginx.conf" })
                File.Copy(Path.Combine(RepoProcess.Root, file), Path.Combine(copy.FullName, file));
            File.WriteAllText(Path.Combine(copy.FullName, "docker-compose.yml"), compose);

            var run = await RepoProcess.RunAsync("/usr/bin/python3", [Path.Combine(copy.FullName, "deploy/check-compose.py")], TimeSpan.FromMinutes(1));
            return (run.ExitCode, run.Text);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}
