using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mediation.BuildingBlocks.Operators;

public static class OperatorSetup
{
    /// <summary>The operators' Basic credentials, the policy the dashboard and /metrics require, and the reports' (observers too), in every process.</summary>
    public static void AddOperators(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(OperatorDirectory.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton(sp => SignInThrottle.FromConfiguration(builder.Configuration, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, OperatorAuthentication>(OperatorAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(OperatorAuthentication.Policy, p => p
            .AddAuthenticationSchemes(OperatorAuthentication.SchemeName)
            .RequireRole(OperatorAuthentication.OperatorRole))
            .AddPolicy(OperatorAuthentication.ReportsPolicy, p => p
                .AddAuthenticationSchemes(OperatorAuthentication.SchemeName)
                .RequireRole(OperatorAuthentication.OperatorRole, OperatorAuthentication.ObserverRole));
    }
}
