using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Infrastructure.Tests.Support;

/// <summary>The infrastructure's services as the web host registers them, on a test database and a data folder.</summary>
public static class InfrastructureServices
{
    public static ServiceProvider For(TestDatabase database, string dataDirectory, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = database.Options.ConnectionString,
            ["Database:Provider"] = database.Options.Provider.ToString(),
            ["Portal:DataDirectory"] = dataDirectory,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddInfrastructure(configuration, dataDirectory);
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
