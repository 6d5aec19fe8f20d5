using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Infrastructure.Security;

/// <summary>
/// The keys every instance sharing the data folder must agree on, made before the instance serves anything:
/// the data-protection key ring (cookies, antiforgery tokens, PDF links) and the captcha, audio captcha and OTP keys.
/// </summary>
/// <remarks>
/// Data Protection creates a key when it finds none, and instances that start together on an empty folder would
/// each create one and keep using their own until their key rings refresh: a cookie from one would then be refused
/// by the other. So the first use of the key ring happens under an exclusive lock on <c>keys/.lock</c> (an advisory
/// <c>flock</c>, which instances on one host or one shared volume see): the first instance creates the key, the
/// others wait and read it. The captcha and OTP keys need no lock (<see cref="KeyFile"/> creates them atomically).
/// </remarks>
public static class SharedKeys
{
    public static void Ensure(IServiceProvider services, TimeSpan? lockTimeout = null)
    {
        var paths = services.GetRequiredService<PortalPaths>();
        var folder = Path.Combine(paths.DataDirectory, "keys");
        Directory.CreateDirectory(folder);
        using (Lock(Path.Combine(folder, ".lock"), lockTimeout ?? TimeSpan.FromSeconds(60)))
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Portal.Startup").Protect([1]);
        foreach (var name in new[] { "captcha", "captcha-audio", "otp" }) KeyFile.Load(paths, name);
    }

    private static FileStream Lock(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // FileShare.None takes flock(LOCK_EX | LOCK_NB) on Linux; the lock goes with the stream's disposal.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }
}
