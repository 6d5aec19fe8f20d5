using Portal.Infrastructure.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Infrastructure.Outbox;

public static class OutboxSetup
{
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddValidatedOptions<OutboxOptions>(OutboxOptions.Section)
            .Rule(OutboxOptions.Section, nameof(OutboxOptions.FirstRetryDelay), o => o.FirstRetryDelay > TimeSpan.Zero, "must be positive")
            .Rule(OutboxOptions.Section, nameof(OutboxOptions.MaxRetryDelay), o => o.MaxRetryDelay >= o.FirstRetryDelay, "must not be shorter than Outbox:FirstRetryDelay")
            .Rule(OutboxOptions.Section, nameof(OutboxOptions.ClaimTimeout), o => o.ClaimTimeout > TimeSpan.Zero, "must be positive");
        services.AddSingleton<OutboxTrigger>();
        services.AddSingleton<OutboxEmailComposer>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<OutboxDispatchJob>();
        return services;
    }
}
