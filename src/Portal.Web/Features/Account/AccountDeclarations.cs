using System.Linq.Expressions;
using System.Security.Claims;
using Portal.Domain.Declarations;

namespace Portal.Web.Features.Account;

/// <summary>
/// The declarations an account holder may see: their own (an individual declaration of their mã số BHXH,
/// which is their user name) and their children's (a child's declaration naming them as guardian).
/// </summary>
public static class AccountDeclarations
{
    /// <summary>The rule as a query, for the list of Hồ sơ của tôi.</summary>
    public static Expression<Func<Declaration, bool>> Of(string userName) =>
        d => (d.Kind == DeclarationKind.Individual && d.MaSoBhxh == userName)
            || (d.Kind == DeclarationKind.Child && d.GuardianMaSoBhxh == userName);

    /// <summary>The same rule for a declaration already loaded.</summary>
    public static bool Includes(ClaimsPrincipal user, Declaration declaration) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } userName }
        && declaration.Kind switch
        {
            DeclarationKind.Individual => declaration.MaSoBhxh == userName,
            DeclarationKind.Child => declaration.GuardianMaSoBhxh == userName,
            _ => false,
        };
}
