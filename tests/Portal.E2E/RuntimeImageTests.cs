using System.Diagnostics;

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
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(TwoNodes.FindRepo(), "deploy/check-runtime-image.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);

        var text = await output + await error;
        Assert.True(process.ExitCode == 0, text);
        Assert.Contains("runtime image check passed", text);
        if (Environment.UserName == "root") Assert.Contains("ok: migrate as nobody", text);
    }
}
