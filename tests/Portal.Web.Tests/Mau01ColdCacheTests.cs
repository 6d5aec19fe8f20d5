using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Persistence;
using Portal.Web.Tests.Support;
using static Portal.Web.Tests.Support.Mau01Journey;

namespace Portal.Web.Tests;

/// <summary>
/// Blazor draws a page at the first await that does not complete at once. SQLite's "async" reads complete at once,
/// PostgreSQL's do not: a step that set its form before loading what it shows was drawn half-loaded, and answered
/// 500, only on PostgreSQL with a cold cache (bench/submit.sh's first run). Here the reads of the reference data
/// (address tree, offices) yield while armed, as a network database's would, and the caches start cold; the
/// draft's read still completes at once, so the page's one early render comes after the draft is known.
/// </summary>
public sealed class Mau01ColdCacheTests : IAsyncLifetime
{
    private readonly YieldingQueries _queries = new();
    private readonly PortalApp _app;

    public Mau01ColdCacheTests() =>
        _app = new PortalApp { TestServices = services => services.ConfigureDbContext<PortalDbContext>(o => o.AddInterceptors(_queries)) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(3, "select[name='Input.ProvinceCode'] option[value='01']")]   // the address tree
    [InlineData(4, "li.office:has(strong.suggested) input[name='Input.OfficeCode']")]   // the office the address suggests
    [InlineData(5, "[name='Input.CaptchaAnswer']")]                          // the review, with its tree and captcha
    public async Task Each_step_is_drawn_whole_when_its_data_loads_asynchronously_into_a_cold_cache(int step, string whatItShows)
    {
        var client = await StartAsync(_app);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await PostStepAsync(client, 2, Details);
        if (step > 3) await PostStepAsync(client, 3, Address);
        if (step > 4) await PostStepAsync(client, 4, Office);
        ((MemoryCache)_app.Services.GetRequiredService<IMemoryCache>()).Clear();

        _queries.Armed = true;
        using var response = await client.Http.GetAsync($"/dang-ky/to-khai/{step}");
        _queries.Armed = false;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(_queries.Yielded > 0, "no query yielded: the test did not exercise an asynchronous load");
        var page = Mau01Client.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector(whatItShows));
    }

    private sealed class YieldingQueries : DbCommandInterceptor
    {
        private static readonly string[] ReferenceTables = ["\"AdministrativeUnits\"", "\"AdministrativeSchemes\"", "\"BhxhOffices\""];
        public volatile bool Armed;
        public int Yielded;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Armed && ReferenceTables.Any(table => command.CommandText.Contains(table, StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref Yielded);
                await Task.Delay(5, cancellationToken);
            }
            return result;
        }
    }
}
