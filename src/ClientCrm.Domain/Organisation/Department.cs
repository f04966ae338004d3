using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Organisation;

/// <summary>A business department (业务部门). Staff and heads belong to exactly one.</summary>
public class Department : IAuditable
{
    private Department() { }

    public Department(string name, string code)
    {
        Rename(name, code);
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Short code used in reports and exports, e.g. "D1".</summary>
    public string Code { get; private set; } = "";

    public void Rename(string name, string code)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(code))
        {
            throw new DomainException("Department.NameRequired", "A department needs a name and a code.");
        }

        Name = name.Trim();
        Code = code.Trim().ToUpperInvariant();
    }
}
