namespace Mediation.Handover.Domain;

public enum IncidentKind
{
    Delay = 1,
    ChildUnwell = 2,
    DocumentProblem = 3,
    LegAborted = 4,
}
