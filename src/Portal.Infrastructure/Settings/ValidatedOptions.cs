using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Settings;

/// <summary>
/// Settings bound from a configuration section and checked when the host starts: a bad value stops the start with
/// <see cref="OptionsValidationException"/> whose message names the full key (<c>RateLimits:LoginPerMinute must be
/// between 1 and 1000000.</c>). A value of the wrong type fails the binding, whose message names the key too.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>Binds <paramref name="section"/> to <typeparamref name="T"/>, checks its data annotations and validates on start.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionAnnotationsValidator<T>(section));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>A rule beyond the annotations, failing with "<paramref name="section"/>:<paramref name="key"/> <paramref name="rule"/>.".</summary>
    public static OptionsBuilder<T> Rule<T>(this OptionsBuilder<T> builder, string section, string key, Func<T, bool> isValid, string rule) where T : class =>
        builder.Validate(isValid, $"{section}:{key} {rule}.");

    private sealed class SectionAnnotationsValidator<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            if (name != Options.DefaultName) return ValidateOptionsResult.Skip;
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
                return ValidateOptionsResult.Success;
            return ValidateOptionsResult.Fail(results.SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""])
                .Select(member => $"{section}:{member} {Sentence(member, r.ErrorMessage)}")));
        }

        /// <summary>"The field X must be between 1 and 10." as "must be between 1 and 10."</summary>
        private static string Sentence(string member, string? message)
        {
            var prefix = $"The field {member} ";
            return message is not null && message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message ?? "is not valid.";
        }
    }
}
