using Mediation.BuildingBlocks.Persistence;

namespace Mediation.Verification.Persistence;

public sealed class DesignTimeVerificationDb : DesignTimeFactory<VerificationDb>;
