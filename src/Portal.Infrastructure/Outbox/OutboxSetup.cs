using Microsoft.Extensions.DependencyInjection;

namespace Portal.Infrastructure.Outbox;

public static class OutboxSetup
{
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxTrigger>();
        services.AddSingleton<OutboxEmailComposer>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<OutboxDispatchJob>();
        return services;
    }
}
