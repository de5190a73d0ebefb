using Google.Protobuf.WellKnownTypes;

namespace Mediation.BuildingBlocks.Api;

public static class ProtoTime
{
    public static Timestamp ToTimestamp(this DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static Timestamp? ToTimestamp(this DateTime? utc) => utc?.ToTimestamp();
}
