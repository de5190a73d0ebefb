using Mediation.BuildingBlocks.Hosting;
using Mediation.Handover;
using Mediation.Requests;
using Mediation.Verification;

namespace Mediation.Host;

/// <summary>Every service in one process: the same service code as the standalone processes, on the in-memory bus.</summary>
public static class MediationHost
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <param name="replace">Lets tests swap a service, e.g. the clock, after every service has added itself.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? replace = null)
    {
        // Settings files sit beside the program, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Mediation:PartiesFile"] ??= Path.Combine(AppContext.BaseDirectory, "parties.demo.json");
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrl);

        builder.AddMediationPlatform();
        builder.AddRequests();
        builder.AddVerification();
        builder.AddHandover();
        builder.AddMediationBus();
        replace?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapMediationPlatform();
        app.MapRequests();
        app.MapVerification();
        app.MapHandover();
        return app;
    }
}
