using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Web.Tests.Crash;

/// <summary>
/// The portal as a real child process (<c>dotnet Portal.Web.dll</c> from src/Portal.Web/bin of the configuration the
/// tests were built in), so that it can be killed with SIGKILL and started again on the same data folder.
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private PortalProcess(Process process, Uri baseAddress, StringBuilder log)
    {
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string LogTail
    {
        get
        {
            lock (_log)
            {
                var text = _log.ToString();
                return text.Length > 4000 ? text[^4000..] : text;
            }
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return dir.FullName;
            throw new InvalidOperationException($"No Portal.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>src/Portal.Web/bin/&lt;configuration&gt;/net10.0/Portal.Web.dll, the configuration being the tests' own.</summary>
    public static string AppDll
    {
        get
        {
            // AppContext.BaseDirectory is …/tests/Portal.Web.Tests/bin/<configuration>/<tfm>/
            var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfmDir.Parent!.Name;
            var dll = Path.Combine(RepositoryRoot, "src", "Portal.Web", "bin", configuration, tfmDir.Name, "Portal.Web.dll");
            if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build src/Portal.Web first");
            return dll;
        }
    }

    /// <summary>Runs the app with <paramref name="args"/> (a CLI verb, or none to serve) and the given settings.</summary>
    public static Process StartRaw(IReadOnlyDictionary<string, string> settings, string args, StringBuilder log)
    {
        var dll = AppDll;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args.Split(' ', StringSplitOptions.RemoveEmptyEntries)) info.ArgumentList.Add(arg);
        foreach (var (key, value) in settings) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Starts the app on a free loopback port and waits for /healthz to answer 200.</summary>
    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var log = new StringBuilder();
        var process = StartRaw(settings, $"--urls {baseAddress.ToString().TrimEnd('/')}", log);
        var app = new PortalProcess(process, baseAddress, log);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The portal exited during start-up:\n{app.LogTail}");
            try
            {
                using var response = await http.GetAsync(new Uri(baseAddress, "/healthz"));
                if (response.StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        app.Kill();
        throw new TimeoutException($"/healthz did not answer 200 within {timeout}:\n{app.LogTail}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut of the process.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
