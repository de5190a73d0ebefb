using Mediation.BuildingBlocks.Persistence;

namespace Mediation.Handover.Persistence;

public sealed class DesignTimeHandoverDb : DesignTimeFactory<HandoverDb>;
