using System.Net;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>
/// deploy/two-nodes.sh's stack, up once for <see cref="TwoNodesTests"/>: PostgreSQL 15, two <c>dotnet Portal.Web.dll</c>
/// started together on one empty data folder, nginx on deploy/nginx.conf in front, an SMTP catcher. The test reaches
/// the nodes through nginx only, and picks a node by the affinity cookie nginx hashes (nginx reports the node it
/// chose in <c>X-Portal-Node</c>, a header only the test's copy of the configuration adds).
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const string AffinityCookie = "portal_node";

    private string _state = "";
    private Dictionary<string, string> _env = [];

    public string Repo => RepoProcess.Root;
    public string NginxUrl => _env["NGINX_URL"];
    public string DataDirectory => _env["DATA_DIR"];
    public string MailDirectory => _env["MAIL_DIR"];
    public string[] NodeLogs => [_env["NODE1_LOG"], _env["NODE2_LOG"]];

    /// <summary>How nginx names node 1 and node 2 in X-Portal-Node ($upstream_addr).</summary>
    public string NodeAddress(int node) => $"127.0.0.1:{_env[$"NODE{node}_PORT"]}";

    /// <summary>The test's own way into the shared database and data folder, as an operator's tools have: no server, no jobs.</summary>
    public PortalApp Store { get; private set; } = null!;

    /// <summary>An affinity cookie value nginx sends to <c>[1]</c> node 1 and <c>[2]</c> node 2.</summary>
    public Dictionary<int, string> Affinity { get; } = [];

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/sbin/nginx") && !File.Exists("/usr/bin/nginx"))
            throw new InvalidOperationException("The two-node test needs Debian's nginx: apt-get install -y nginx (.ci/run does).");
        _state = Directory.CreateTempSubdirectory("portal-two-nodes-").FullName;
        var output = await ScriptAsync(TimeSpan.FromMinutes(3), "up", _state);
        _env = output.Split('\n')
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''));
        Store = new PortalApp
        {
            Settings =
            {
                ["ConnectionStrings:Portal"] = _env["PG_CONNECTION"],
                ["Database:MigrateOnStartup"] = "false",
                ["Jobs:RunServer"] = "false",
                ["Portal:DataDirectory"] = DataDirectory,
            },
        };
        await FindAffinitiesAsync();
    }

    public async Task DisposeAsync()
    {
        if (Store is not null) await Store.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_state != "")
        {
            if (Environment.GetEnvironmentVariable("PORTAL_TWO_NODES_KEEP") is { Length: > 0 })
                Console.WriteLine($"two nodes: state kept in {_state}");
            else
                await ScriptAsync(TimeSpan.FromMinutes(1), "down", _state);
        }
    }

    public Task StopNodeAsync(int node) => ScriptAsync(TimeSpan.FromSeconds(40), "stop-node", _state, node.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task StartNodeAsync(int node) => ScriptAsync(TimeSpan.FromMinutes(2), "start-node", _state, node.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The node that answered, from $upstream_addr ("a, b" when nginx tried a first and it was down).</summary>
    public static string LastNode(string upstreamAddress) => upstreamAddress.Split(", ").Last();

    /// <summary>The lines of both nodes' logs.</summary>
    public IEnumerable<string> LogLines() => NodeLogs.SelectMany(path =>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    });

    /// <summary>Cookie values are hashed by nginx; try a few until each node has one.</summary>
    private async Task FindAffinitiesAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        for (var i = 0; i < 200 && Affinity.Count < 2; i++)
        {
            var value = $"test-{i}";
            using var request = new HttpRequestMessage(HttpMethod.Get, NginxUrl + "/healthz");
            request.Headers.Add("Cookie", $"{AffinityCookie}={value}");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var node = LastNode(response.Headers.GetValues("X-Portal-Node").Single()) == NodeAddress(1) ? 1 : 2;
            Affinity.TryAdd(node, value);
        }
        Assert.Equal(2, Affinity.Count);
    }

    private async Task<string> ScriptAsync(TimeSpan timeout, params string[] arguments)
    {
        // The app the test project built beside it (Debug or Release, as the test run was built).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var run = await RepoProcess.RunAsync("bash", [Path.Combine(Repo, "deploy", "two-nodes.sh"), .. arguments], timeout, new Dictionary<string, string>
        {
            ["PORTAL_WEB_DLL"] = Path.Combine(Repo, "src", "Portal.Web", "bin", configuration, "net10.0", "Portal.Web.dll"),
            ["TWO_NODES_CAPTCHA"] = PortalApp.CaptchaCode,
        });
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"two-nodes.sh {arguments[0]} failed ({run.ExitCode}): {run.Error}{run.Output}");
        return run.Output;
    }
}

/// <summary>Alone: the two nodes, nginx and Chromium would otherwise share two processors with the other browser tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TwoNodesCollection : ICollectionFixture<TwoNodes>
{
    public const string Name = "two nodes";
}

/// <summary>A browser without JavaScript, through nginx, sent to one node or the other by its affinity cookie.</summary>
public sealed class PinnedBrowser : DelegatingHandler
{
    private readonly TwoNodes _nodes;
    private readonly CookieContainer _cookies = new();

    public PinnedBrowser(TwoNodes nodes)
    {
        _nodes = nodes;
        InnerHandler = new HttpClientHandler { CookieContainer = _cookies };
        Client = new Mau01Client(new HttpClient(this) { BaseAddress = new Uri(nodes.NginxUrl) });
    }

    public Mau01Client Client { get; }

    /// <summary>X-Portal-Node of each response since the last <see cref="PinTo"/>.</summary>
    public List<string> ServedBy { get; } = [];

    /// <summary>Sends the next requests to <paramref name="node"/> (1 or 2).</summary>
    public void PinTo(int node)
    {
        _cookies.Add(new Uri(_nodes.NginxUrl), new Cookie(TwoNodes.AffinityCookie, _nodes.Affinity[node], "/"));
        ServedBy.Clear();
    }

    /// <summary>The cookies this browser holds (the node's own, not nginx's).</summary>
    public CookieCollection Cookies => _cookies.GetCookies(new Uri(_nodes.NginxUrl));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("X-Portal-Node", out var node)) ServedBy.Add(TwoNodes.LastNode(node.Single()));
        return response;
    }
}
