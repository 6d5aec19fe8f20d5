using Portal.Web;
using Portal.Web.Cli;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(app, args);

await app.UsePortalAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
