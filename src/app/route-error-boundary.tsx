import { Component, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { RouteError } from './route-error.tsx';

interface BoundaryProps {
  children: ReactNode;
  isClinicLevel: boolean;
  /** The boundary clears itself when this changes (the owner went to another page). */
  resetKey: string;
}

interface BoundaryState {
  error: unknown;
  resetKey: string;
}

class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState) {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <RouteError
        error={this.state.error}
        isClinicLevel={this.props.isClinicLevel}
        onRetry={() => this.setState({ error: null })}
      />
    );
  }
}

/**
 * The error boundary of a route: a failing page keeps the clinic's header and footer around
 * its message, and a clinic that cannot load gets a page of its own.
 */
export function RouteErrorBoundary({
  children,
  isClinicLevel = false,
}: {
  children: ReactNode;
  isClinicLevel?: boolean;
}) {
  const { pathname } = useLocation();
  return (
    <Boundary isClinicLevel={isClinicLevel} resetKey={pathname}>
      {children}
    </Boundary>
  );
}
