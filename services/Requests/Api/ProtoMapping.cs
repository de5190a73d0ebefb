using Mediation.Requests.Domain;
using Mediation.BuildingBlocks.Api;
using Common = Mediation.Api.Common.V1;
using Proto = Mediation.Api.Requests.V1;

namespace Mediation.Requests.Api;

public static class ProtoMapping
{
    public static Common.CalendarDate ToProto(this DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    public static Common.Place ToProto(this Place p) => new() { Region = p.Region, Settlement = p.Settlement, Institution = p.Institution };

    public static Proto.ConsentGrant ToProto(this ConsentRecord c) => new() { Given = c.Given, GivenBy = c.GivenBy, GiveTime = c.GivenAt.ToTimestamp() };

    public static ConsentRecord ToDomain(this Proto.ConsentGrant? g) =>
        g is { Given: true } ? new() { Given = true, GivenBy = g.GivenBy.Trim(), GivenAt = g.GiveTime.ToDateTime() } : new() { Given = false };

    public static Place ToDomain(this Common.Place p) => new() { Region = p.Region.Trim(), Settlement = p.Settlement.Trim(), Institution = p.Institution.Trim() };
}
