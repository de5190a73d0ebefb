using Mediation.Requests.Domain;
using Common = Mediation.Api.Common.V1;

namespace Mediation.Requests.Api;

public static class ProtoMapping
{
    public static Common.CalendarDate ToProto(this DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    public static Common.Place ToProto(this Place p) => new() { Region = p.Region, Settlement = p.Settlement, Institution = p.Institution };

    public static Place ToDomain(this Common.Place p) => new() { Region = p.Region.Trim(), Settlement = p.Settlement.Trim(), Institution = p.Institution.Trim() };
}
