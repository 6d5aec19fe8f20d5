using System.Text.Json;

namespace Portal.Web.Tests;

public sealed class RuntimeConfigTests
{
    /// <summary>The runtime settings the web host is published with, as its build wrote them.</summary>
    private static JsonElement WebHostConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Portal.Web.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} was not copied next to the tests");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void The_web_host_thread_pool_does_not_spin_while_idle()
    {
        // Spinning idle threads took a fifth of a core beside the purge and the database on 2 cores.
        Assert.Equal(0, WebHostConfigProperties().GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    [Fact]
    public void Arrays_the_size_of_a_photo_stay_out_of_the_large_object_heap()
    {
        // Photos of up to 1 MiB (PhotoPreparation.MaxStoredBytes) are handled in arrays that live for one request.
        Assert.True(WebHostConfigProperties().GetProperty("System.GC.LOHThreshold").GetInt32() >= Portal.Infrastructure.Photos.PhotoPreparation.MaxStoredBytes * 2);
    }
}
