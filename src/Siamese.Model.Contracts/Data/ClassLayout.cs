namespace Siamese.Model.Data;

/// <summary>Where the classes of a collection come from.</summary>
public enum ClassLayout
{
    /// <summary>Every folder that directly holds images is a class.</summary>
    Folders,

    /// <summary>labels.csv names each file's class (<see cref="LabelledClasses"/>).</summary>
    Labels,
}
