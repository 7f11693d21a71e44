namespace Longan.Appraisal.Core.Domain;

public enum Gender
{
    Male = 1,
    Female = 2,
}
