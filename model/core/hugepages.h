#pragma once

// An allocator for large tables read at random (the importer's hash maps): allocations of 2 MiB
// and more are aligned to 2 MiB and offered to the kernel for transparent huge pages, so that a
// lookup in a table of tens of megabytes does not also miss the TLB (on 4 KiB pages, a 10 MB
// table spans 2,500 pages: more than the CPU's TLB holds). Elsewhere it is std::allocator.

#include <cstddef>
#include <cstdlib>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace netcase {

template<typename T>
struct HugePageAllocator
{
    using value_type = T;
    static constexpr std::size_t kHugePage = std::size_t(2) << 20;

    HugePageAllocator() = default;
    template<typename U>
    explicit HugePageAllocator(const HugePageAllocator<U> &)
    {}

    T *allocate(std::size_t n)
    {
        const std::size_t bytes = n * sizeof(T);
        if (bytes < kHugePage)
            return std::allocator<T>().allocate(n);
        const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
        void *p = std::aligned_alloc(kHugePage, rounded);
        if (!p)
            throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
        (void)::madvise(p, rounded, MADV_HUGEPAGE); // advice only: without it, 4 KiB pages
#endif
        return static_cast<T *>(p);
    }
    void deallocate(T *p, std::size_t n)
    {
        if (n * sizeof(T) < kHugePage)
            std::allocator<T>().deallocate(p, n);
        else
            std::free(p);
    }
    template<typename U>
    bool operator==(const HugePageAllocator<U> &) const
    {
        return true;
    }
};

} // namespace netcase
