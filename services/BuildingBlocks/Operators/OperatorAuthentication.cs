using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Mediation.BuildingBlocks.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mediation.BuildingBlocks.Operators;

/// <summary>
/// The dashboard's and <c>/metrics</c>' own credentials, over HTTP Basic (browsers ask for them): an operator
/// named under <c>Operations:Operators</c> with its own password. No party's API key is a password here — the
/// mediator's key has the whole API's powers and would make every guess at the dashboard a guess at it.
/// Wrong passwords are counted per name and per address (<see cref="SignInThrottle"/>), logged and recorded in
/// the process's audit log; a locked-out name or address gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class OperatorAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OperatorDirectory operators,
    SignInThrottle throttle,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Operator";
    public const string Policy = "Operators";
    public const string OperatorRole = "operator";
    /// <summary>The observer's people: the aggregate reports (<see cref="ReportsPolicy"/>), nothing else.</summary>
    public const string ObserverRole = "observer";
    /// <summary>The aggregate reports: the mediator's operators and the observer's people.</summary>
    public const string ReportsPolicy = "Reports";
    /// <summary>How a refused sign-in appears in the audit log, in place of a gRPC method.</summary>
    public const string AuditedCall = "dashboard sign-in";
    private const int MaxAuditedNameLength = 100;

    private DateTimeOffset? _lockedUntil;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0)
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        var (name, password) = (decoded[..colon], decoded[(colon + 1)..]);
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "";

        // Checked before the password, so that a locked-out name tells nothing about a guess — not even a right one.
        if (throttle.LockedUntil(name, address) is { } until)
        {
            _lockedUntil = until;
            return AuthenticateResult.Fail("Locked out after too many failed sign-ins.");
        }
        if (operators.Verify(name, password))
        {
            throttle.Succeeded(name);
            return AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, operators.RoleOf(name))], SchemeName)),
                SchemeName));
        }

        var lockoutStarts = throttle.Failed(name, address);
        Logger.LogWarning("Sign-in refused for operator name {Operator} from {Address}: wrong name or password{Lockout}",
            Audited(name), address, lockoutStarts ? "; locked out" : "");
        await Audit(name, lockoutStarts ? "RESOURCE_EXHAUSTED" : "UNAUTHENTICATED");
        if (lockoutStarts)
            _lockedUntil = throttle.LockedUntil(name, address);
        return AuthenticateResult.Fail("Unknown operator or wrong password.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.ContentType = "text/plain; charset=utf-8";
        if (_lockedUntil is { } until)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            var seconds = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Response.WriteAsync(
                $"Too many failed sign-ins for this operator or from this address: sign-in is locked until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.");
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Mediation operations\", charset=\"UTF-8\"";
        return Response.WriteAsync("Sign in as an operator.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        Response.ContentType = "text/plain; charset=utf-8";
        return Response.WriteAsync("This dashboard is for the mediator's operators only; an observer's reports are at /reports/.");
    }

    /// <summary>The name tried (never the password), in the first audit log this process keeps.</summary>
    private async Task Audit(string name, string outcome)
    {
        var trails = Context.RequestServices.GetRequiredService<AuditTrails>();
        if (trails.Services.Count == 0 || trails.Named(trails.Services[0], Context.RequestServices) is not { } trail)
            return;
        await trail.Append([new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Service = trail.Service,
            Officer = Audited(name),
            Call = AuditedCall,
            Outcome = outcome,
        }]);
    }

    private static string Audited(string name) => name.Length > MaxAuditedNameLength ? name[..MaxAuditedNameLength] : name;
}
