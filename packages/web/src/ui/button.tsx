import { forwardRef, type ButtonHTMLAttributes } from "react";

const variants = {
  primary: "bg-accent text-accent-ink hover:opacity-90 disabled:opacity-50",
  secondary:
    "border border-line bg-raised text-ink hover:bg-sunken disabled:opacity-50 disabled:hover:bg-raised",
  ghost: "text-ink hover:bg-sunken disabled:opacity-50",
  danger: "bg-danger text-canvas hover:opacity-90 disabled:opacity-50",
} as const;

const sizes = {
  sm: "h-8 px-2.5 text-sm gap-1.5",
  md: "h-10 px-4 text-sm gap-2",
  icon: "h-9 w-9 justify-center",
} as const;

/** A button in one of the app's variants; `type` defaults to "button" so forms never submit by accident. */
export const Button = forwardRef<
  HTMLButtonElement,
  ButtonHTMLAttributes<HTMLButtonElement> & {
    variant?: keyof typeof variants;
    size?: keyof typeof sizes;
  }
>(function Button({ variant = "secondary", size = "md", className = "", type, ...props }, ref) {
  return (
    <button
      ref={ref}
      type={type ?? "button"}
      className={`inline-flex shrink-0 items-center rounded-lg font-medium transition-colors disabled:cursor-not-allowed ${variants[variant]} ${sizes[size]} ${className}`}
      {...props}
    />
  );
});
