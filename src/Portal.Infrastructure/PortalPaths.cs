using Microsoft.Extensions.Configuration;

namespace Portal.Infrastructure;

/// <summary>Where the portal keeps its files: the SQLite database now, uploaded photos later.</summary>
public sealed record PortalPaths(string DataDirectory)
{
    public static PortalPaths From(IConfiguration configuration, string contentRootPath)
    {
        var configured = configuration["Portal:DataDirectory"];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, contentRootPath);
        Directory.CreateDirectory(directory);
        return new PortalPaths(directory);
    }
}
