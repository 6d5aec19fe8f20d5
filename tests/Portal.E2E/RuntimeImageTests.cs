namespace Portal.E2E;

/// <summary>
/// The Dockerfile's runtime stage without Docker (deploy/check-runtime-image.sh): the Release publish run in Production
/// as an unprivileged user with read-only binaries and only the data folder writable, `migrate` first.
/// </summary>
public sealed class RuntimeImageTests
{
    [Fact]
    public async Task The_release_publish_runs_as_an_unprivileged_user_writing_only_its_data_folder()
    {
        var run = await RepoProcess.RunAsync("bash", [Path.Combine(RepoProcess.Root, "deploy/check-runtime-image.sh")], TimeSpan.FromMinutes(5));

        var text = run.Text;
        Assert.True(run.ExitCode == 0, text);
        Assert.Contains("runtime image check passed", text);
        if (Environment.UserName == "root") Assert.Contains("ok: migrate as nobody", text);
    }
}
