using Hangfire.Dashboard;
using Portal.Infrastructure.Accounts;

namespace Portal.Web.Features.Admin;

/// <summary>The Hangfire dashboard answers only operators that <see cref="OperatorGate"/> let through.</summary>
public sealed class OperatorDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(PortalRoles.Admin);
}
