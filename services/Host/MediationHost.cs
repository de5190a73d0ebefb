using Mediation.BuildingBlocks.Hosting;
using Mediation.Handover;
using Mediation.Operations;
using Mediation.Requests;
using Mediation.Verification;

namespace Mediation.Host;

/// <summary>Every service in one process, the operators' dashboard included: the same service code as the standalone processes, on the in-memory bus.</summary>
public static class MediationHost
{
    public const string DefaultUrl = "http://localhost:5080";
    /// <summary>The operators' dashboard, /metrics and /health/* (HTTP/1.1, for browsers and scrapers).</summary>
    public const string DefaultWebUrl = "http://localhost:5090";

    /// <param name="replace">Lets tests swap a service, e.g. the clock, after every service has added itself.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? replace = null)
    {
        // Settings files sit beside the program, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // The one-command demo: without a parties file of its own, the host runs in demo mode on the demo parties,
        // and on the demo keys unless it is given its own. Given a parties file, it is a deployment, and DemoMode
        // refuses any demo secret in it (Mediation:Demo true says otherwise, for a demo on files of one's own).
        var demo = builder.Configuration.GetValue<bool?>(DemoMode.Setting) ?? string.IsNullOrEmpty(builder.Configuration["Mediation:PartiesFile"]);
        builder.Configuration[DemoMode.Setting] = demo ? "true" : "false";
        if (demo)
        {
            builder.Configuration["Mediation:PartiesFile"] ??= Path.Combine(AppContext.BaseDirectory, "parties.demo.json");
            if (!builder.Configuration.GetSection("PersonalData:Keys").Exists())
                builder.Configuration["Mediation:KeysFile"] ??= Path.Combine(AppContext.BaseDirectory, "keys.demo.json");
        }
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.Configuration["urls"] = DefaultUrl;
        builder.Configuration[ListenAddresses.WebUrlKey] ??= DefaultWebUrl;

        builder.AddMediationPlatform();
        builder.AddRequests();
        builder.AddVerification();
        builder.AddHandover();
        builder.AddOperations();
        builder.AddMediationBus();
        replace?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapMediationPlatform();
        app.MapRequests();
        app.MapVerification();
        app.MapHandover();
        app.MapOperations();
        return app;
    }
}
