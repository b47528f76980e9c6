// A TypeScript snippet for esbuild's transform: types, enums, classes with
// parameter properties, generics, optional chaining, a namespace.
enum Color {
  Red = 1,
  Green,
  Blue = 'blue',
}

interface Shape {
  area(): number;
}

export class Circle implements Shape {
  constructor(private readonly r: number) {}
  area(): number {
    return Math.PI * this.r ** 2;
  }
}

namespace Geometry {
  export const unit = new Circle(1);
  export function total<T extends Shape>(shapes: readonly T[]): number {
    return shapes.reduce((sum, s) => sum + s.area(), 0);
  }
}

export function describe(shape?: Shape | null, color: Color = Color.Green): string {
  const area = shape?.area() ?? 0;
  return `${Color[color] ?? color}: ${area.toFixed(2)}`;
}

export default Geometry.total([Geometry.unit, new Circle(2)] as const);
