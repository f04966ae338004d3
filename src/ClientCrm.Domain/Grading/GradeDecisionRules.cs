namespace ClientCrm.Domain.Grading;

/// <summary>
/// SPEC §4 (and §1): a department head confirms or overrides changes between B and C in their own department;
/// anything that involves A — from A, to A, or an override to A — is a leader's decision. Staff decide nothing.
/// </summary>
public static class GradeDecisionRules
{
    public static bool Involves(ClientGrade grade, params ClientGrade[] grades) => grades.Contains(grade);

    public static bool MayDecide(bool isLeader, bool isDepartmentHead, ClientGrade from, ClientGrade to) =>
        isLeader || (isDepartmentHead && from != ClientGrade.A && to != ClientGrade.A);
}
