using Mediation.BuildingBlocks.Persistence;

namespace Mediation.Requests.Persistence;

public sealed class DesignTimeRequestsDb : DesignTimeFactory<RequestsDb>;
