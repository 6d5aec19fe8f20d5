using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Portal.Infrastructure.Tests.Support;

/// <summary>
/// A real SMTP server for the tests: Debian's aiosmtpd (<c>python3-aiosmtpd</c>) on a free port of
/// 127.0.0.1, storing what it accepts in a Maildir of its own, removed afterwards. It refuses the
/// recipient <see cref="RefusedRecipient"/> with a 550 that quotes the address, as real servers do.
/// <see cref="Stop"/> and <see cref="StartAgainAsync"/> take it away and bring it back on the same port.
/// </summary>
public sealed class SmtpServer : IAsyncLifetime
{
    /// <summary>Debian's interpreter: the <c>python3</c> first on PATH may be another one, without aiosmtpd.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>RCPT TO this address gets <c>550 5.1.1 &lt;address&gt;: Recipient address rejected</c>.</summary>
    public const string RefusedRecipient = "khong-ton-tai@example.vn";

    private const string HandlerModule = "portal_test_smtp";

    // aiosmtpd's Mailbox handler, but a recipient can be refused.
    private const string HandlerSource = $$"""
        from aiosmtpd.handlers import Mailbox

        class RefusingMailbox(Mailbox):
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.lower() == "{{RefusedRecipient}}":
                    return "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown"
                envelope.rcpt_tos.append(address)
                return "250 OK"
        """;

    private string _directory = "";
    private Process? _process;

    public string Host => "127.0.0.1";
    public int Port { get; private set; }
    /// <summary>The Maildir: accepted messages are files in its <c>new/</c> folder.</summary>
    public string MailDirectory => Path.Combine(_directory, "mail");

    public async Task InitializeAsync()
    {
        await EnsureAiosmtpdAsync();
        _directory = Directory.CreateTempSubdirectory("portal-smtp-").FullName;
        // The Mailbox handler expects a complete Maildir when its folder exists already.
        foreach (var sub in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(MailDirectory, sub));
        await File.WriteAllTextAsync(Path.Combine(_directory, HandlerModule + ".py"), HandlerSource);
        Port = FreePort();
        await StartAgainAsync();
    }

    /// <summary>Kills the server: connections to <see cref="Port"/> are refused until <see cref="StartAgainAsync"/>.</summary>
    public void Stop()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the server (again) on the same port and Maildir; returns once it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is not null) throw new InvalidOperationException("The SMTP server is running already.");
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", $"{HandlerModule}.RefusingMailbox", MailDirectory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        start.Environment["PYTHONPATH"] = _directory;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        _process = process;

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (process.HasExited)
            {
                Stop();
                throw new InvalidOperationException($"aiosmtpd exited ({process.ExitCode}) before listening on {Host}:{Port}: {await error}");
            }
            if (await AcceptsConnectionsAsync()) return;
            if (DateTime.UtcNow > deadline)
            {
                Stop();
                throw new TimeoutException($"aiosmtpd did not listen on {Host}:{Port} within 15 s.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the Maildir holds at least <paramref name="count"/> messages and returns them, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var newFolder = Path.Combine(MailDirectory, "new");
        while (true)
        {
            // Maildir writes into tmp/ and renames into new/: a file in new/ is complete.
            var files = new DirectoryInfo(newFolder).GetFiles().OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name).ToList();
            if (files.Count >= count)
            {
                var messages = new List<MimeMessage>();
                foreach (var file in files) messages.Add(await MimeMessage.LoadAsync(file.FullName));
                return messages;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The SMTP server received {files.Count} of {count} messages within {timeout}.");
            await Task.Delay(50);
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        if (_directory.Length > 0 && Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task EnsureAiosmtpdAsync()
    {
        var check = new ProcessStartInfo(Python) { ArgumentList = { "-c", "import aiosmtpd" }, RedirectStandardError = true };
        Process? process;
        try
        {
            process = Process.Start(check);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            process = null;
        }
        if (process is null) throw Missing($"{Python} cannot be started");
        using (process)
        {
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw Missing(error.Trim());
        }
    }

    private static InvalidOperationException Missing(string detail) => new(
        $"The SMTP tests need aiosmtpd for {Python}: apt-get install -y python3-aiosmtpd; .ci/run installs it. ({detail})");

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
