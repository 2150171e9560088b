namespace Siamese.Model.Imaging;

/// <summary>
/// What the preprocessing does with the paper a drawing is on. AsIs: nothing (the original's; every checkpoint made before
/// this setting existed). Light: an image whose border is darker than mid-grey after resizing is inverted, so the network
/// always sees dark ink on light paper: a scan of white chalk on a blackboard then compares like a pen drawing.
/// </summary>
public enum Paper
{
    AsIs = 0,
    Light = 1,
}
